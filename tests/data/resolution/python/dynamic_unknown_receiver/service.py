def persist(obj):
    obj.save()
    obj.archive()
