"""Response headers Django has no setting for."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

# The app needs none of these browser features: a phone joins by typing or by its own camera
# app reading the QR code, never through the page.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in ("accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone", "payment", "usb")
)


class PermissionsPolicyMiddleware:
    """Turns off the browser features above, and keeps our responses from being embedded by other sites."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if _personal(request):
            # Pages of a logged-in person or a participant may hold what people said: no shared
            # or back-button cache keeps a copy on a borrowed computer or in a proxy.
            response.setdefault("Cache-Control", "no-store, private")
        return response


def _personal(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    session = getattr(request, "session", None)
    return bool(session is not None and session.get("participations"))
