"""Counting attempts in the cache (shared between processes when the cache is Redis)."""

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    """The visitor's address. Behind TRUSTED_PROXIES reverse proxies, REMOTE_ADDR is the nearest
    proxy's, shared by everyone: the visitor is then the address that many hops from the right
    of X-Forwarded-For (each proxy appends the address it was reached from; anything to the
    left of that may be forged by the visitor)."""
    proxies = getattr(settings, "TRUSTED_PROXIES", 0)
    if proxies:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def is_blocked(key: str, limit: int) -> bool:
    return (cache.get(f"ratelimit:{key}") or 0) >= limit


def count_attempt(key: str, window_seconds: int) -> int:
    cache_key = f"ratelimit:{key}"
    cache.add(cache_key, 0, timeout=window_seconds)
    try:
        return cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window_seconds)
        return 1
