from registry import register


@register
class Exporter:
    def run(self):
        return 1
