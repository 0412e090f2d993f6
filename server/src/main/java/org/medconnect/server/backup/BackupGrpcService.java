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
import org.medconnect.proto.backup.v1.ListBackupsRequest;
import org.medconnect.proto.backup.v1.ListBackupsResponse;
import org.medconnect.server.platform.CallContext;
import org.medconnect.server.platform.StepUp;
import org.medconnect.server.platform.GrpcCalls;
import org.medconnect.server.platform.ProtoTypes;

/** gRPC adapter for {@link BackupService}. */
public final class BackupGrpcService extends BackupServiceGrpc.BackupServiceImplBase {

    private final BackupService backups;
    private final StepUp stepUp;
    private final GrpcCalls calls;

    public BackupGrpcService(BackupService backups, StepUp stepUp, GrpcCalls calls) {
        this.backups = backups;
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

    private static BackupFile file(java.nio.file.Path p) {
        try {
            return BackupFile.newBuilder().setFileName(p.getFileName().toString()).setSizeBytes(Files.size(p))
                    .setModifiedAt(ProtoTypes.timestamp(Files.getLastModifiedTime(p).toInstant())).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
