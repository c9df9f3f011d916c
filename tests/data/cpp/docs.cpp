/// A point in the plane.
///
/// Immutable once built.
struct Point {
    /** The x coordinate. */
    int x() const { return 0; }

    //! The y coordinate,
    //! in pixels.
    int y() const { return 0; }
};

/**
 * Distance between two points.
 *
 * @param a the first point
 * @return the distance
 */
double distance(const Point& a, const Point& b) { return 0.0; }

// A plain comment is a doc comment too, as in C.
int plain() { return 1; }

/// Detached: a blank line follows.

int undocumented() { return 2; }
