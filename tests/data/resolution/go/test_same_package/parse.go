package parse

func Parse(s string) int { return 0 }
