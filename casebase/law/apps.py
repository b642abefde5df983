from django.apps import AppConfig


class LawConfig(AppConfig):
    name = "casebase.law"
    label = "law"
    verbose_name = "Law: statutes, courts and precedents"
