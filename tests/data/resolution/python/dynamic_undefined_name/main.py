def main():
    return helper()
