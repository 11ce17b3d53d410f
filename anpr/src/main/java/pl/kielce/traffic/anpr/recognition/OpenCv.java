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
                    loaded = true;
                }
            }
        }
    }
}
