from repo import Repository


def archive(repo: Repository, obj):
    repo.save(obj)
    repo.delete(obj)
