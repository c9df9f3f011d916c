from retry import retry


@retry(3)
def fetch(url):
    return url
