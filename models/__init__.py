"""Peewee models and the domain rules that belong to their data."""
from models.accounts import Account, Membership
from models.applications import Application
from models.cards import Card
from models.companies import Company
from models.history import Touch, WorkRecord
from models.ids import IdSequence
from models.sites import CardReader, RosterEntry, Site, SiteContract
from models.workers import Affiliation, Worker

ALL_MODELS = [IdSequence, Company, Account, Membership, Worker, Affiliation, Application, Card,
              Site, SiteContract, RosterEntry, CardReader, WorkRecord, Touch]
