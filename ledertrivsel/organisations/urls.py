from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views
from .forms import EmailAuthenticationForm

urlpatterns = [
    path("grupper/", views.groups, name="groups"),
    path("grupper/<int:group_id>/", views.edit_group, name="edit_group"),
    path("organisationer/", views.organisation_home, name="organisation_home"),
    path("organisationer/<int:organisation_id>/personer/", views.people, name="people"),
    path("organisationer/<int:organisation_id>/personer/inviter/", views.invite, name="invite"),
    path("organisationer/<int:organisation_id>/personer/<int:membership_id>/", views.membership, name="membership"),
    path(
        "organisationer/<int:organisation_id>/invitationer/<int:invitation_id>/tilbagekald/",
        views.withdraw_invitation,
        name="withdraw_invitation",
    ),
    path("organisationer/<int:organisation_id>/enheder/", views.units, name="units"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("login/", auth_views.LoginView.as_view(authentication_form=EmailAuthenticationForm), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("adgangskode/nulstil/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("adgangskode/nulstil/sendt/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "adgangskode/nulstil/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(success_url=reverse_lazy("password_reset_complete")),
        name="password_reset_confirm",
    ),
    path("adgangskode/nulstil/faerdig/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
