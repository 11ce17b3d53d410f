package pl.kielce.traffic.anpr.recognition;

/**
 * A proposed plate region in photo pixels: centre, size, rotation (degrees) and the expected character
 * height, plus which localisation method proposed it.
 */
record PlateRegion(double cx, double cy, double width, double height, double angleDegrees,
                   double charHeight, String method, double prior) {

    PlateBox box(int imageWidth, int imageHeight) {
        int x0 = (int) Math.max(0, Math.floor(cx - width / 2));
        int y0 = (int) Math.max(0, Math.floor(cy - height / 2));
        int x1 = (int) Math.min(imageWidth, Math.ceil(cx + width / 2));
        int y1 = (int) Math.min(imageHeight, Math.ceil(cy + height / 2));
        return new PlateBox(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
    }
}
