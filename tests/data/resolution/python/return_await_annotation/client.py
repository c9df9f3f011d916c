from http import fetch


async def load(url):
    response = await fetch(url)
    return response.json()
