"""The live monitor: follow news feeds, code what is new, push alerts (issue 18).

It sits above the monitor and the store and below the shells: `flashpoint watch` and
`flashpoint serve --watch` drive a Watcher, one idea per module:
config (feeds file, data/watch.yaml), fetch (polite HTTP), feeds (RSS, Atom, sitemaps),
urls (canonical URLs), neardup (SimHash copies), state (tables in the database),
push (webhook and command), runner (the cycle), service (a whole run).
"""
