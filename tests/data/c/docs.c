/*
 * License text at the top of the file, away from any item.
 */

/**
 * Adds two numbers.
 *
 * @param a the first
 * @param b the second
 */
int add(int a, int b) { return a + b; }

/// Triple-slash doc,
/// on two lines.
int one(void) { return 1; }

// A plain line comment
// directly above.
int two(void) { return 2; }

/* A block comment. */
int three(void) { return 3; }

/** Separated by a blank line: not a doc. */

int four(void) { return 4; }

int five(void) { return 5; } /* trailing comment of five */
int six(void) { return 6; }

/** The point. */
struct point {
    int x;
    int y;
};

/** A constant. */
#define LIMIT 10
