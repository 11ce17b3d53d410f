package pl.kielce.traffic.anpr.recognition;

/** Loads the OpenCV native library once per JVM (org.openpnp:opencv bundles it). */
public final class OpenCv {
    private static volatile boolean loaded;

    private OpenCv() {
    }

    public static void load() {
        if (!loaded) {
            synchronized (OpenCv.class) {
                if (!loaded) {
                    nu.pattern.OpenCV.loadLocally();
                    // parallelism comes from serving several photos at once (one Tesseract handle per core);
                    // OpenCV's own worker threads would only compete with that
                    if (!"false".equals(System.getProperty("anpr.singleThreadedOpenCv"))) {
                        org.opencv.core.Core.setNumThreads(1);
                    }
                    loaded = true;
                }
            }
        }
    }
}
