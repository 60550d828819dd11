"""What the test provider says about a person."""

# People in this group have an e-mail address the provider has not verified.
UNVERIFIED_EMAIL = "unverified-email"


def userinfo(claims, user):
    claims["name"] = user.get_full_name()
    claims["given_name"] = user.first_name
    claims["family_name"] = user.last_name
    claims["email"] = user.email
    claims["email_verified"] = not user.groups.filter(name=UNVERIFIED_EMAIL).exists()
    return claims
