from django.urls import re_path

from .consumers import OneOnOneConsumer

websocket_urlpatterns = [
    re_path(r"^ws/samtaler/(?P<one_on_one_id>\d+)/(?:(?P<language>da|en)/)?$", OneOnOneConsumer.as_asgi()),
]
