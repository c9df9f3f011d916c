def test_select(conn):
    conn.execute("select 1")


def test_typed(typed_conn):
    typed_conn.execute("select 2")
