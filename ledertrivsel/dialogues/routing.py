from django.urls import re_path

from .consumers import DialogueConsumer

websocket_urlpatterns = [
    re_path(r"^ws/dialoger/(?P<dialogue_id>\d+)/(?P<role>screen|phone)/$", DialogueConsumer.as_asgi()),
]
