int ok(void) { return 1; }

/* café */
const char *name(void) { return "ÿþ"; }

int after(void) { return ok(); }
