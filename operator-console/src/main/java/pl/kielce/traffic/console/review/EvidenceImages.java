package pl.kielce.traffic.console.review;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import pl.kielce.traffic.console.review.CaseRecords.Box;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;

/** Evidence images for the page: size (to draw the plate box) and the plate crop. */
@Component
class EvidenceImages {
    private final EvidenceStore store;

    EvidenceImages(EvidenceStore store) {
        this.store = store;
    }

    /** Pixel size of an evidence image, or null when it is gone or unreadable. */
    record Size(int width, int height) {
    }

    Optional<byte[]> read(String ref) {
        return store.read(ref);
    }

    Size size(String ref) {
        return store.read(ref).map(EvidenceImages::decode).map(i -> new Size(i.getWidth(), i.getHeight())).orElse(null);
    }

    /** The plate box cut out (with a small margin) and scaled to at least 320 px wide, as PNG. */
    Optional<byte[]> crop(String ref, Box box) {
        return store.read(ref).map(EvidenceImages::decode).map(img -> {
            int mx = box.width() / 10, my = box.height() / 5;
            int x = Math.max(0, box.x() - mx), y = Math.max(0, box.y() - my);
            int w = Math.min(img.getWidth() - x, box.width() + 2 * mx), h = Math.min(img.getHeight() - y, box.height() + 2 * my);
            if (w <= 0 || h <= 0) {
                throw new IllegalStateException("plate box lies outside the image");
            }
            BufferedImage sub = img.getSubimage(x, y, w, h);
            int outW = Math.max(320, w), outH = Math.max(1, h * outW / w);
            BufferedImage out = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
            var g = out.createGraphics();
            g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(sub, 0, 0, outW, outH, null);
            g.dispose();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                ImageIO.write(out, "png", bytes);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return bytes.toByteArray();
        });
    }

    static MediaType mediaType(byte[] b) {
        return b.length > 3 && (b[0] & 0xff) == 0x89 && b[1] == 'P' ? MediaType.IMAGE_PNG : MediaType.IMAGE_JPEG;
    }

    private static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
            if (img == null) {
                throw new IllegalStateException("evidence is not a readable image");
            }
            return img;
        } catch (IOException e) {
            throw new IllegalStateException("evidence is not a readable image", e);
        }
    }
}
