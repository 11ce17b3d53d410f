package pl.kielce.traffic.anpr.recognition;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Labelled glyphs in the classifier's normalised form (Glyphs.W x Glyphs.H, binary), stored compactly as
 * bit-packed rows: magic "GLY1", count, then per glyph a label byte, an aspect byte (x100) and W*H/8 bytes.
 */
public final class GlyphSamples {
    /** One labelled glyph: the normalised image (ink 255) and the aspect ratio of the original blob. */
    public record Sample(char label, Mat glyph, double aspect) {
    }

    private static final int MAGIC = 0x474c5931;

    private GlyphSamples() {
    }

    public static void write(OutputStream out, List<Sample> samples) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(MAGIC);
        d.writeInt(samples.size());
        byte[] px = new byte[Glyphs.W * Glyphs.H];
        for (Sample s : samples) {
            d.writeByte(s.label());
            d.writeByte((int) Math.min(255, Math.round(s.aspect() * 100)));
            s.glyph().get(0, 0, px);
            byte[] bits = new byte[px.length / 8];
            for (int i = 0; i < px.length; i++) {
                if ((px[i] & 0xff) > 127) {
                    bits[i >> 3] |= (byte) (1 << (i & 7));
                }
            }
            d.write(bits);
        }
        d.flush();
    }

    public static List<Sample> read(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        if (d.readInt() != MAGIC) {
            throw new IOException("not a glyph sample file (bad magic)");
        }
        int n = d.readInt();
        if (n < 0 || n > 1_000_000) {
            throw new IOException("implausible glyph count " + n);
        }
        List<Sample> out = new ArrayList<>(n);
        byte[] bits = new byte[Glyphs.W * Glyphs.H / 8];
        byte[] px = new byte[Glyphs.W * Glyphs.H];
        for (int k = 0; k < n; k++) {
            char label = (char) d.readUnsignedByte();
            if (Glyphs.ALPHABET.indexOf(label) < 0) {
                throw new IOException("glyph " + k + " has label '" + label + "' outside A-Z0-9");
            }
            double aspect = d.readUnsignedByte() / 100.0;
            d.readFully(bits);
            for (int i = 0; i < px.length; i++) {
                px[i] = (byte) (((bits[i >> 3] >> (i & 7)) & 1) != 0 ? 255 : 0);
            }
            Mat m = new Mat(Glyphs.H, Glyphs.W, CvType.CV_8U);
            m.put(0, 0, px);
            out.add(new Sample(label, m, aspect));
        }
        return out;
    }
}
