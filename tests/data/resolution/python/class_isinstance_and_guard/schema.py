from ddl import Index, Statement


def remove(deferred, table):
    for sql in list(deferred):
        if isinstance(sql, Statement) and sql.references_table(table):
            deferred.remove(sql)


def rename(sql, old, new):
    if not isinstance(sql, Statement):
        raise TypeError(sql)
    sql.rename_table(old, new)


def any_index(items, table):
    return [i for i in items if isinstance(i, Index) and i.references_table(table)]


def unknown(sql, table):
    if not isinstance(sql, Statement):
        print(sql)
    return sql.references_table(table)
