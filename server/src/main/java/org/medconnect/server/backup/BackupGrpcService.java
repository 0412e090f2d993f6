package org.medconnect.server.backup;

import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;
import org.medconnect.proto.backup.v1.BackupFile;
import org.medconnect.proto.backup.v1.BackupServiceGrpc;
import org.medconnect.proto.backup.v1.CreateBackupRequest;
import org.medconnect.proto.backup.v1.CreateBackupResponse;
import org.medconnect.proto.backup.v1.DescribeBackupRequest;
import org.medconnect.proto.backup.v1.DescribeBackupResponse;
import org.medconnect.proto.backup.v1.RestoreBackupRequest;
import org.medconnect.proto.backup.v1.RestoreBackupResponse;
import org.medconnect.proto.backup.v1.ListBackupsRequest;
import org.medconnect.proto.backup.v1.ListBackupsResponse;
import org.medconnect.server.platform.CallContext;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.platform.StepUp;
import org.medconnect.server.platform.GrpcCalls;
import org.medconnect.server.platform.ProtoTypes;

/** gRPC adapter for {@link BackupService}. */
public final class BackupGrpcService extends BackupServiceGrpc.BackupServiceImplBase {

    private final BackupService backups;
    private final LiveRestore restore;
    private final StepUp stepUp;
    private final GrpcCalls calls;

    public BackupGrpcService(BackupService backups, LiveRestore restore, StepUp stepUp, GrpcCalls calls) {
        this.backups = backups;
        this.restore = restore;
        this.stepUp = stepUp;
        this.calls = calls;
    }

    @Override
    public void createBackup(CreateBackupRequest r, StreamObserver<CreateBackupResponse> observer) {
        calls.unary(observer, () -> {
            var principal = CallContext.principal();
            // Backups leave the building: a fresh second-factor code first (decision 0022).
            stepUp.require(principal, "make a backup");
            var made = backups.backupToFolder(Optional.of(principal.userId()));
            return CreateBackupResponse.newBuilder().setBackup(file(made.file()))
                    .setTableCount(made.manifest().tables().size()).setRowCount(made.manifest().totalRows())
                    .setDocumentCount(made.manifest().documents().size()).setSchemaVersion(made.manifest().schemaVersion()).build();
        });
    }

    @Override
    public void listBackups(ListBackupsRequest r, StreamObserver<ListBackupsResponse> observer) {
        calls.unary(observer, () -> {
            var s = backups.settings();
            var response = ListBackupsResponse.newBuilder().setFolder(s.backupDir().toString()).setKeep(s.keep())
                    .setDailyAt(s.dailyAt().map(Object::toString).orElse(""));
            backups.list().forEach(p -> response.addBackups(file(p)));
            return response.build();
        });
    }

    @Override
    public void describeBackup(DescribeBackupRequest r, StreamObserver<DescribeBackupResponse> observer) {
        calls.unary(observer, () -> {
            var d = restore.describe(fileName(r.getFileName()));
            var m = d.manifest();
            var response = DescribeBackupResponse.newBuilder().setBackup(file(d.file())).setSchemaVersion(m.schemaVersion())
                    .setServerSchemaVersion(d.serverSchemaVersion()).setTableCount(m.tables().size()).setRowCount(m.totalRows())
                    .setDocumentCount(m.documents().size()).setRefusal(d.refusal().orElse("")).setClinicName(d.clinicName());
            createdAt(m).ifPresent(response::setCreatedAt);
            return response.build();
        });
    }

    @Override
    public void restoreBackup(RestoreBackupRequest r, StreamObserver<RestoreBackupResponse> observer) {
        calls.unary(observer, () -> {
            var principal = CallContext.principal();
            String name = fileName(r.getFileName());
            if (r.getConfirmClinicName().isBlank()) {
                throw DomainException.InvalidInput.of("confirm_clinic_name", "Type the clinic's name to confirm the restore.");
            }
            // A restore replaces everything: a fresh second-factor code first (decision 0022).
            stepUp.require(principal, "restore a backup");
            var done = restore.restore(principal, name, r.getConfirmClinicName());
            var m = done.manifest();
            var response = RestoreBackupResponse.newBuilder().setSchemaVersion(m.schemaVersion()).setTableCount(m.tables().size())
                    .setRowCount(m.totalRows()).setDocumentCount(m.documents().size()).setTookMillis(done.took().toMillis());
            createdAt(m).ifPresent(response::setCreatedAt);
            return response.build();
        });
    }

    private static String fileName(String name) {
        if (name.isBlank()) {
            throw DomainException.InvalidInput.of("file_name", "Choose a backup from the list.");
        }
        if (name.contains("/") || name.contains("\\") || name.length() > 200) {
            throw DomainException.InvalidInput.of("file_name", "Give the name of a backup from the list, not a path.");
        }
        return name;
    }

    private static java.util.Optional<com.google.protobuf.Timestamp> createdAt(BackupArchive.Manifest m) {
        try {
            return java.util.Optional.of(ProtoTypes.timestamp(java.time.Instant.parse(m.createdAt())));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static BackupFile file(java.nio.file.Path p) {
        try {
            return BackupFile.newBuilder().setFileName(p.getFileName().toString()).setSizeBytes(Files.size(p))
                    .setModifiedAt(ProtoTypes.timestamp(Files.getLastModifiedTime(p).toInstant())).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
