import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Make every stored upload private: files 0600 and folders 0700 under MEDIA_ROOT, as "
        "new uploads are written (FILE_UPLOAD_PERMISSIONS). Run once after upgrading."
    )

    def handle(self, *args, **opts):
        root = Path(settings.MEDIA_ROOT)
        if not root.exists():
            self.stdout.write("No uploads stored yet.")
            return
        files = folders = 0
        for folder, subfolders, names in os.walk(root):
            for name in subfolders:
                os.chmod(Path(folder) / name, settings.FILE_UPLOAD_DIRECTORY_PERMISSIONS)
                folders += 1
            for name in names:
                path = Path(folder) / name
                if not path.is_symlink():
                    os.chmod(path, settings.FILE_UPLOAD_PERMISSIONS)
                    files += 1
        os.chmod(root, settings.FILE_UPLOAD_DIRECTORY_PERMISSIONS)
        self.stdout.write(
            self.style.SUCCESS(f"{files} files and {folders + 1} folders made private.")
        )
