from query import QuerySet


class ArticleQuerySet(QuerySet):
    def count(self):
        return 1


def total(qs: QuerySet):
    return qs.filter(a=1).exclude(b=2).count()


def articles():
    return ArticleQuerySet().filter(published=True).count()
