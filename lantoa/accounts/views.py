from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from . import services
from .models import Notification

LIST_LIMIT = 100


def notification_list(request):
    """The user's own notifications; POST marks one read (and follows its link) or all of them."""
    user = request.user
    if request.method == "POST":
        notification_id = request.POST.get("id", "")
        if notification_id.isdigit():
            notification = Notification.objects.filter(user=user, pk=int(notification_id)).first()
            if notification is not None:
                services.notifications_mark_read(user=user, ids=[notification.pk])
                if notification.url and url_has_allowed_host_and_scheme(
                    notification.url, allowed_hosts={request.get_host()}
                ):
                    return redirect(notification.url)
        else:
            services.notifications_mark_read(user=user)
        return redirect("notification_list")
    notifications = list(Notification.objects.filter(user=user)[: LIST_LIMIT + 1])
    context = {
        "notifications": notifications[:LIST_LIMIT],
        "truncated": len(notifications) > LIST_LIMIT,
        "unread_count": Notification.objects.unread().filter(user=user).count(),
    }
    return render(request, "accounts/notification_list.html", context)
