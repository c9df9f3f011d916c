from auth import login_required, audited


@login_required
@audited
def dashboard():
    return "ok"
