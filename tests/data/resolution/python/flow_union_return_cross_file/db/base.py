from db import cursors


class Connection:
    debug = False

    def cursor(self):
        if self.debug:
            made = cursors.DebugCursor()
        else:
            made = cursors.Cursor()
        return made
