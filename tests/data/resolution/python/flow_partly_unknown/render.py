import json


class Template:
    def render(self, context):
        return context


def load(name):
    template = json.loads(name)
    if name.endswith(".html"):
        template = Template()
    return template.render({})
