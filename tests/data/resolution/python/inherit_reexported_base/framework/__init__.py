from .views import View
