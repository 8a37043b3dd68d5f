#!/bin/sh
# timeout: 600
# qbinfmt sandbox on the arm64 host, as root and as an unprivileged user:
# an x86_64 program runs, with its argv[0].
. /vm/lib.sh

show newuidmap ls -l /usr/bin/newuidmap /usr/bin/newgidmap
expect sandbox-root-x86_64 "$(argv0_output "$FIXTURES/bin/hello-x86_64" a)" \
	"$QBINFMT" sandbox -- "$FIXTURES/bin/hello-x86_64" a
cp "$FIXTURES/bin/hello-x86_64" "$FIXTURES/bin/hello-i386" /home/qbtest/
chown qbtest: /home/qbtest/hello-x86_64 /home/qbtest/hello-i386
expect sandbox-user-id 1000 as_user id -u
expect sandbox-user-x86_64 "$(argv0_output ./hello-x86_64 a)" \
	as_user "$QBINFMT" sandbox -- ./hello-x86_64 a
expect sandbox-user-x86_64-argv0 "$(argv0_output my-name a b)" \
	as_user "$QBINFMT" sandbox -- bash -c 'exec -a my-name ./hello-x86_64 a b'
expect sandbox-user-i386-argv0 "$(argv0_output my-name a b)" \
	as_user "$QBINFMT" sandbox -t i386 -- bash -c 'exec -a my-name ./hello-i386 a b'
# The same through the launcher wiring.
expect sandbox-user-launcher "$(argv0_output my-name a)" \
	as_user "$QBINFMT" sandbox --wiring launcher -t x86_64 -- bash -c 'exec -a my-name ./hello-x86_64 a'
show sandbox-user-verbose as_user "$QBINFMT" sandbox -v -- true
finish
