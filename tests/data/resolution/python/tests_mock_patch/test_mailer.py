from unittest import mock
import mailer


@mock.patch("mailer.send")
def test_notify(send):
    mailer.notify("bob")
    send.assert_called_once()
