"""Titles of the demo's synthetic tickets, by language and service (``outage`` for major incidents)."""

__all__ = ["TITLES"]

TITLES = {
    "en": {
        "helpdesk": [
            "Outlook keeps asking for the password",
            "Laptop does not start after the update",
            "New starter account for the warehouse",
            "Printer on the second floor jams",
            "Cannot map the shared drive",
            "Teams camera is not detected",
            "Password reset for a locked account",
            "Install Adobe Acrobat for accounting",
            "Monitor flickers on the reception desk",
            "Excel crashes when opening the price list",
        ],
        "server-management": [
            "File server disk is 92% full",
            "ERP server slow after patching",
            "Windows updates failed on SRV-02",
            "Certificate expires on the intranet server",
        ],
        "m365": [
            "Shared mailbox missing for the sales team",
            "MFA enrolment for a new phone",
            "Licence needed for a new user",
            "E-mail to a customer domain bounces",
        ],
        "backup": ["Restore a deleted folder from Friday", "Restore a mailbox item deleted last week"],
        "network": [
            "VPN drops every ten minutes",
            "Wi-Fi down in the warehouse",
            "Firewall blocks the supplier portal",
        ],
        "hardware-repair": ["Replace a broken laptop screen", "Replace the failed UPS battery"],
        "outage": ["E-mail is down for everyone", "The file server cannot be reached"],
    },
    "ru": {
        "helpdesk": [
            "Не запускается 1С у бухгалтера",
            "Outlook постоянно запрашивает пароль",
            "Новый сотрудник: создать учётную запись",
            "Не печатает принтер в отделе продаж",
            "Нет доступа к общей папке",
            "Сбросить пароль заблокированной учётной записи",
            "Установить КриптоПро на рабочее место",
            "Медленно работает компьютер в приёмной",
        ],
        "servers": [
            "Заканчивается место на файловом сервере",
            "Сервер 1С не отвечает после обновления",
            "Ошибка установки обновлений на SRV-02",
        ],
        "backup": ["Восстановить удалённую папку", "Восстановить базу 1С на вчерашнее число"],
        "hardware-repair": ["Заменить разбитый экран ноутбука", "Заменить батарею ИБП"],
        "outage": ["Файловый сервер недоступен", "Не работает 1С у всех пользователей"],
    },
}
