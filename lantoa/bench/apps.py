from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "lantoa.bench"
    verbose_name = "Benchmark"
