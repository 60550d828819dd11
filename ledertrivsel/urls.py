from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from ledertrivsel.organisations import sso

urlpatterns = [
    path("admin/", admin.site.urls),
    *sso.callback_urlpatterns,
]
# Danish at /, English at /en/: the language travels with every shared link.
urlpatterns += i18n_patterns(
    path("", include("ledertrivsel.front.urls")),
    path("redskaber/", include("ledertrivsel.content.urls")),
    path("redskaber/", include("ledertrivsel.printing.urls")),
    path("", include("ledertrivsel.dialogues.urls")),
    path("", include("ledertrivsel.organisations.urls")),
    *sso.start_urlpatterns,
    path("", include("ledertrivsel.plans.urls")),
    path("", include("ledertrivsel.audit.urls")),
    path("", include("ledertrivsel.conversations.urls")),
    path("", include("ledertrivsel.privacy.urls")),
    path("", include("ledertrivsel.forloeb.urls")),
    prefix_default_language=False,
)
