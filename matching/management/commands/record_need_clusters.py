"""Record the clusters of similar open needs (demand pooling) from the stored vectors."""

from django.core.management.base import BaseCommand

from matching.services import need_clusters_refresh


class Command(BaseCommand):
    help = "Cluster similar open needs of different initiatives and record the clusters."

    def handle(self, *args, **options) -> None:
        clusters = need_clusters_refresh()
        needs = sum(len(cluster.need_ids) for cluster in clusters)
        self.stdout.write(self.style.SUCCESS(f"{len(clusters)} cluster(s) of {needs} need(s) recorded."))
