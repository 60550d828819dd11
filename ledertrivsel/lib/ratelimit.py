"""Counting attempts in the cache (shared between processes when the cache is Redis)."""

from django.core.cache import cache


def client_address(request) -> str:
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
