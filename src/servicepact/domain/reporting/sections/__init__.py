"""The sections of the report, one module each; :mod:`servicepact.domain.reporting.build` orders them.

- :mod:`.summary`: the first page (service levels, credits due, billed in addition);
- :mod:`.attainment`, :mod:`.times`: tickets within target and times against targets, by priority;
- :mod:`.uptime`, :mod:`.backups`: availability against targets and backups against the RPO;
- :mod:`.tickets`: breached tickets, tickets outside the SLA, priority disputes;
- :mod:`.assets`: non-compliant assets;
- :mod:`.money`: credits and billed work (the first page's tables and the section with every line);
- :mod:`.context`: what they all read (the evaluation, the agreement, the records, the words, the names).

Every section is a function of a :class:`~.context.ReportContext` that returns a :class:`Section`, or
None when the agreement or the period has nothing for it.
"""
