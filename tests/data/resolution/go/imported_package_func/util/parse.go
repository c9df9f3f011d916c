package util

// Parse parses.
func Parse(s string) int { return len(s) }
