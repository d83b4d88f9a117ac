import gc

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class DefaultLanguageMiddleware:
    """Vietnamese unless the user chose another language (the language cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many officers'
    phones and office computers are set to English: the interface must still speak Vietnamese.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response


class FreezeLongLivedObjectsMiddleware:
    """Once per process, after its first response: collect, then move every object still alive
    (Django's, the apps', the caches a first page fills) out of the garbage collector's sight
    with `gc.freeze()`.

    Otherwise each full collection scans them all again: some 130,000 objects, 75 ms on the
    2-core servers, striking one request in three of a district's report (docs/benchmarks.md).
    """

    frozen = False

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not FreezeLongLivedObjectsMiddleware.frozen:
            FreezeLongLivedObjectsMiddleware.frozen = True
            gc.collect()
            gc.freeze()
        return response
