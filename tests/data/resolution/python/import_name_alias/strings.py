def normalize(s):
    return s.strip()
