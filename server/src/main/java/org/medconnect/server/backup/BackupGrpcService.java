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
import org.medconnect.server.platform.GrpcCalls;
import org.medconnect.server.platform.ProtoTypes;

/** gRPC adapter for {@link BackupService}. */
public final class BackupGrpcService extends BackupServiceGrpc.BackupServiceImplBase {

    private final BackupService backups;
    private final BackupService.StepUp stepUp;
    private final GrpcCalls calls;

    public BackupGrpcService(BackupService backups, BackupService.StepUp stepUp, GrpcCalls calls) {
        this.backups = backups;
        this.stepUp = stepUp;
        this.calls = calls;
    }

    @Override
    public void createBackup(CreateBackupRequest r, StreamObserver<CreateBackupResponse> observer) {
        calls.unary(observer, () -> {
            var actor = CallContext.principal().userId();
            // STEP-UP: backups leave the building; the TOTP step-up asks for a fresh code here.
            stepUp.require(actor, "backup");
            var made = backups.backupToFolder(Optional.of(actor));
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
