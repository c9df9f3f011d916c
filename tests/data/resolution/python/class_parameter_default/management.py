from registry import apps as global_apps


def create(label, apps=global_apps, using=None):
    return apps.get_model(label)
