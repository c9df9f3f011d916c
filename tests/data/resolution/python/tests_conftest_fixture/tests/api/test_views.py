def test_index(client):
    client.get("/")


def test_submit(api_client, session):
    api_client.post("/form", {})
    session.login("ann")
