package pl.kielce.traffic.anpr.recognition;

import com.sun.jna.Pointer;
import net.sourceforge.tess4j.ITessAPI;
import net.sourceforge.tess4j.TessAPI1;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A fixed pool of persistent Tesseract handles ({@code TessBaseAPI}), each initialised once with the model
 * and a character whitelist. A handle is not thread-safe, so a caller borrows one for the duration of a call.
 */
public final class TesseractPool implements AutoCloseable {
    public static final String DEFAULT_DATA_PATH = "/usr/share/tesseract-ocr/5/tessdata";
    private final BlockingQueue<ITessAPI.TessBaseAPI> idle;
    private final List<ITessAPI.TessBaseAPI> all = new ArrayList<>();

    public TesseractPool(int size, String dataPath, String whitelist, int pageSegMode) {
        if (size < 1) {
            throw new IllegalArgumentException("pool size must be at least 1, was " + size);
        }
        idle = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            ITessAPI.TessBaseAPI h = TessAPI1.TessBaseAPICreate();
            int rc = TessAPI1.TessBaseAPIInit2(h, dataPath, "eng", ITessAPI.TessOcrEngineMode.OEM_LSTM_ONLY);
            if (rc != 0) {
                TessAPI1.TessBaseAPIDelete(h);
                close();
                throw new IllegalStateException("Tesseract could not load 'eng' from " + dataPath
                        + " (install tesseract-ocr-eng or set TESSDATA_PREFIX)");
            }
            TessAPI1.TessBaseAPISetPageSegMode(h, pageSegMode);
            TessAPI1.TessBaseAPISetVariable(h, "tessedit_char_whitelist", whitelist);
            TessAPI1.TessBaseAPISetVariable(h, "debug_file", "/dev/null");
            all.add(h);
            idle.add(h);
        }
    }

    public static String dataPathFromEnvironment() {
        String p = System.getenv("TESSDATA_PREFIX");
        return p == null || p.isBlank() ? DEFAULT_DATA_PATH : p;
    }

    /** Text of one 8-bit grey image (row-major, {@code width * height} bytes) and the mean confidence 0..100. */
    public Ocr recognise(byte[] gray, int width, int height) {
        ITessAPI.TessBaseAPI h;
        try {
            h = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for a Tesseract handle", e);
        }
        try {
            ByteBuffer buf = ByteBuffer.allocateDirect(gray.length);
            buf.put(gray).flip();
            TessAPI1.TessBaseAPISetImage(h, buf, width, height, 1, width);
            Pointer p = TessAPI1.TessBaseAPIGetUTF8Text(h);
            String text = p == null ? "" : p.getString(0);
            if (p != null) {
                TessAPI1.TessDeleteText(p);
            }
            int conf = TessAPI1.TessBaseAPIMeanTextConf(h);
            TessAPI1.TessBaseAPIClear(h);
            return new Ocr(text.replaceAll("\\s+", ""), conf);
        } finally {
            idle.add(h);
        }
    }

    @Override
    public void close() {
        for (ITessAPI.TessBaseAPI h : all) {
            TessAPI1.TessBaseAPIEnd(h);
            TessAPI1.TessBaseAPIDelete(h);
        }
        all.clear();
        idle.clear();
    }

    public record Ocr(String text, int meanConfidence) {
    }
}
