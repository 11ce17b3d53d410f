package pl.kielce.traffic.anpr.recognition;

/** An axis-aligned box in image pixels. */
public record PlateBox(int x, int y, int width, int height) {
    public PlateBox {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("box width and height must be positive, was " + width + "x" + height);
        }
    }

    /** Intersection over union with another box. */
    public double iou(PlateBox o) {
        int ix = Math.max(0, Math.min(x + width, o.x + o.width) - Math.max(x, o.x));
        int iy = Math.max(0, Math.min(y + height, o.y + o.height) - Math.max(y, o.y));
        double inter = (double) ix * iy;
        return inter / ((double) width * height + (double) o.width * o.height - inter);
    }

    /** Fraction of the other box covered by this one. */
    public double covers(PlateBox o) {
        int ix = Math.max(0, Math.min(x + width, o.x + o.width) - Math.max(x, o.x));
        int iy = Math.max(0, Math.min(y + height, o.y + o.height) - Math.max(y, o.y));
        return (double) ix * iy / ((double) o.width * o.height);
    }
}
