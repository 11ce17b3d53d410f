package pl.kielce.traffic.anpr.recognition;

/** A connected component of a binary image: bounding box, pixel count and its label. */
record Blob(int x, int y, int w, int h, int area, int label) {
    double cx() {
        return x + w / 2.0;
    }

    double cy() {
        return y + h / 2.0;
    }

    int right() {
        return x + w;
    }

    int bottom() {
        return y + h;
    }
}
