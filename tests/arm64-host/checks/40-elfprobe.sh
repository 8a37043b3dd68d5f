#!/bin/sh
# elfprobe judges the table from the arm64 host: lint finds nothing wrong
# with the built-in table or with what install --all would register, and
# verify --host finds every fixture picked by its own target and nothing
# of the host's own family picked at all.
. /vm/lib.sh

check lint-builtin "$ELFPROBE" lint
show lint-builtin-output "$ELFPROBE" lint -v
# Every target, the host's family too: the one error is aarch64's entry,
# which would capture this host's own programs.
show lint-builtin-all-output "$ELFPROBE" lint --table builtin-all
check lint-builtin-all-fails sh -c '! "$ELFPROBE" lint --table builtin-all > /dev/null'
expect lint-builtin-all-host-error qbinfmt-aarch64 \
	sh -c '"$ELFPROBE" lint --table builtin-all | awk "\$2 == \"error\" { print \$4 }"'
"$QBINFMT" --dry-run install --all > "$VM_RESULTS/install-all.register" 2>&1
show dry-run-install-all cat "$VM_RESULTS/install-all.register"
"$QBINFMT" export --format register --all > "$VM_RESULTS/export.register" 2> "$VM_RESULTS/export.err"
show export-all cat "$VM_RESULTS/export.register" "$VM_RESULTS/export.err"
check lint-export "$ELFPROBE" lint --table "$VM_RESULTS/export.register"
check verify-host-fixtures "$ELFPROBE" verify --host "$FIXTURES/bin"
show verify-host-fixtures-output "$ELFPROBE" verify -v --host "$FIXTURES/bin"
check verify-host-self "$ELFPROBE" verify --host /src/qbinfmt /src/elfprobe/elfprobe /src/qbinfmt-launch /usr/bin/qemu-x86_64
show probe-self "$ELFPROBE" probe /src/qbinfmt /src/qbinfmt-launch "$FIXTURES/bin/hello-x86_64"
finish
