package org.medconnect.server.chart.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.grpc.Status;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medconnect.proto.chart.v1.AddProblemRequest;
import org.medconnect.proto.chart.v1.ListProblemsRequest;
import org.medconnect.proto.chart.v1.MarkProblemEnteredInErrorRequest;
import org.medconnect.proto.chart.v1.Problem;
import org.medconnect.proto.chart.v1.ProblemFilter;
import org.medconnect.proto.chart.v1.ProblemServiceGrpc.ProblemServiceBlockingStub;
import org.medconnect.proto.chart.v1.ProblemStatus;
import org.medconnect.proto.chart.v1.ResolveProblemRequest;
import org.medconnect.proto.chart.v1.UpdateProblemRequest;
import org.medconnect.server.chart.coding.Icd10Code;
import org.medconnect.server.testing.Calls;

/** The problem list over gRPC: codes from the shipped list, free text, one active code, stale edits, races, who may call. */
class ProblemApiTest {

    ChartListsClinic clinic;
    ProblemServiceBlockingStub okafor;
    /** Essential hypertension: a code every version of the shipped list carries. */
    Icd10Code hypertension;

    @BeforeEach
    void start() throws Exception {
        clinic = new ChartListsClinic();
        okafor = clinic.problems("okafor");
        hypertension = clinic.services.coding().diagnoses().find("I10").orElseThrow();
    }

    @AfterEach
    void stop() throws Exception {
        clinic.close();
    }

    AddProblemRequest.Builder add(String code) {
        return AddProblemRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setPatientId(clinic.patient.toString()).setIcd10Code(code);
    }

    List<Problem> list(ProblemFilter filter) {
        return okafor.listProblems(ListProblemsRequest.newBuilder().setPatientId(clinic.patient.toString()).setFilter(filter).build())
                .getProblemsList();
    }

    @Nested
    class Adding {

        @Test
        void aCodedProblemTakesTheCodesTitleAndIsVersionedInTheLedger() {
            Problem p = okafor.addProblem(add(hypertension.code()).setOnsetDate("2019-03-01").build()).getProblem();

            assertThat(p.getIcd10Code()).isEqualTo(hypertension.code());
            assertThat(p.getTitle()).isEqualTo(hypertension.title());
            assertThat(p.getStatus()).isEqualTo(ProblemStatus.PROBLEM_STATUS_ACTIVE);
            assertThat(p.getOnsetDate()).isEqualTo("2019-03-01");
            assertThat(p.getCreatedByName()).isEqualTo("Dr Amara Okafor");
            assertThat(p.getVersion()).isEqualTo(1);
            assertThat(clinic.versions("PROBLEM", p.getId())).isEqualTo(1);
            assertThat(list(ProblemFilter.PROBLEM_FILTER_ACTIVE)).extracting(Problem::getId).containsExactly(p.getId());
        }

        @Test
        void aCodeIsFoundWhateverItsCase() {
            Problem p = okafor.addProblem(add(hypertension.code().toLowerCase()).build()).getProblem();

            assertThat(p.getIcd10Code()).isEqualTo(hypertension.code());
        }

        @Test
        void freeTextIsAllowedWhereNoCodeFits() {
            Problem p = okafor.addProblem(add("").setTitle("Fear of flying since a rough landing").build()).getProblem();

            assertThat(p.getIcd10Code()).isEmpty();
            assertThat(p.getTitle()).isEqualTo("Fear of flying since a rough landing");
        }

        @Test
        void aCodeNotInTheShippedListIsRefusedNamingTheField() {
            Throwable t = catchThrowable(() -> okafor.addProblem(add("J45.999").build()));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(Calls.badFields(t)).containsExactly("icd10_code");
        }

        @Test
        void neitherCodeNorTitleIsRefusedNamingTheTitle() {
            Throwable t = catchThrowable(() -> okafor.addProblem(add("").setTitle("   ").build()));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(Calls.badFields(t)).containsExactly("title");
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-13-01", "1066-10-14", "next week", "2026-11-25"})
        void aBadOrFutureOnsetIsRefusedNamingTheField(String onset) {
            Throwable t = catchThrowable(() -> okafor.addProblem(add(hypertension.code()).setOnsetDate(onset).build()));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(Calls.badFields(t)).containsExactly("onset_date");
        }

        @Test
        void anOverlongTitleOrNoteIsRefused() {
            Throwable title = catchThrowable(() -> okafor.addProblem(add("").setTitle("x".repeat(301)).build()));
            Throwable note = catchThrowable(() -> okafor.addProblem(add(hypertension.code()).setNote("x".repeat(2001)).build()));

            assertThat(Calls.badFields(title)).containsExactly("title");
            assertThat(Calls.badFields(note)).containsExactly("note");
        }

        @Test
        void aControlCharacterInTheTitleIsRefused() {
            Throwable t = catchThrowable(() -> okafor.addProblem(add("").setTitle("Back\u0007pain").build()));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        }

        @Test
        void aRetryWithTheSameRequestIdAnswersTheFirstProblem() {
            AddProblemRequest request = add(hypertension.code()).build();
            Problem first = okafor.addProblem(request).getProblem();
            Problem again = okafor.addProblem(request).getProblem();

            assertThat(again.getId()).isEqualTo(first.getId());
            assertThat(list(ProblemFilter.PROBLEM_FILTER_ALL)).hasSize(1);
        }

        @Test
        void theSameActiveCodeTwiceIsAlreadyOnTheList() {
            okafor.addProblem(add(hypertension.code()).build());

            Throwable t = catchThrowable(() -> clinic.problems("lindqvist").addProblem(add(hypertension.code()).build()));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.ALREADY_EXISTS);
            assertThat(Calls.message(t)).contains(hypertension.code()).contains("already on the active problem list");
        }

        @Test
        void aResolvedCodeMayBeAddedAgainWhenItComesBack() {
            Problem first = okafor.addProblem(add(hypertension.code()).build()).getProblem();
            okafor.resolveProblem(ResolveProblemRequest.newBuilder().setProblemId(first.getId()).setExpectedVersion(1)
                    .setResolvedDate("2026-11-01").build());

            Problem again = okafor.addProblem(add(hypertension.code()).build()).getProblem();

            assertThat(again.getStatus()).isEqualTo(ProblemStatus.PROBLEM_STATUS_ACTIVE);
            assertThat(list(ProblemFilter.PROBLEM_FILTER_UNSPECIFIED)).extracting(Problem::getStatus)
                    .containsExactly(ProblemStatus.PROBLEM_STATUS_ACTIVE, ProblemStatus.PROBLEM_STATUS_RESOLVED);
        }

        @Test
        void twentyDoctorsAddingOneCodeAtOnceLeaveOneProblemAndNoInternalError() throws Exception {
            List<ProblemServiceBlockingStub> stubs = List.of(okafor, clinic.problems("lindqvist"));
            var next = new java.util.concurrent.atomic.AtomicInteger();

            List<Status.Code> codes = ChartListsClinic.concurrently(20,
                    () -> stubs.get(next.getAndIncrement() % 2).addProblem(add(hypertension.code()).build()));

            assertThat(codes).containsOnly(Status.Code.OK, Status.Code.ALREADY_EXISTS);
            assertThat(codes).filteredOn(c -> c == Status.Code.OK).hasSize(1);
            assertThat(list(ProblemFilter.PROBLEM_FILTER_ALL)).hasSize(1);
        }
    }

    @Nested
    class Changing {

        Problem problem;

        @BeforeEach
        void add() {
            problem = okafor.addProblem(ProblemApiTest.this.add(hypertension.code()).setOnsetDate("2020-01-01").build()).getProblem();
        }

        @Test
        void anUpdateBumpsTheVersionAndWritesTheLedger() {
            Problem updated = okafor.updateProblem(UpdateProblemRequest.newBuilder().setProblemId(problem.getId()).setExpectedVersion(1)
                    .setIcd10Code(hypertension.code()).setTitle("Hypertension, white-coat component").setOnsetDate("2020-01-01").setNote("Pollen").build())
                    .getProblem();

            assertThat(updated.getVersion()).isEqualTo(2);
            assertThat(updated.getTitle()).isEqualTo("Hypertension, white-coat component");
            assertThat(updated.getNote()).isEqualTo("Pollen");
            assertThat(clinic.versions("PROBLEM", problem.getId())).isEqualTo(2);
        }

        @Test
        void aStaleUpdateIsRefusedNamingWhoChangedItAndWhen() {
            clinic.problems("lindqvist").updateProblem(UpdateProblemRequest.newBuilder().setProblemId(problem.getId())
                    .setExpectedVersion(1).setIcd10Code(hypertension.code()).setNote("Home readings 135/85").build());

            Throwable t = catchThrowable(() -> okafor.updateProblem(UpdateProblemRequest.newBuilder().setProblemId(problem.getId())
                    .setExpectedVersion(1).setIcd10Code(hypertension.code()).setNote("Mine").build()));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.ABORTED);
            assertThat(Calls.message(t)).startsWith("Changed by Dr Lena Lindqvist at 09:00; reload to see it.");
            assertThat(list(ProblemFilter.PROBLEM_FILTER_ALL).getFirst().getNote()).isEqualTo("Home readings 135/85");
        }

        @Test
        void resolvingKeepsTheProblemWithItsDate() {
            Problem resolved = okafor.resolveProblem(ResolveProblemRequest.newBuilder().setProblemId(problem.getId())
                    .setExpectedVersion(1).setResolvedDate("2026-11-20").build()).getProblem();

            assertThat(resolved.getStatus()).isEqualTo(ProblemStatus.PROBLEM_STATUS_RESOLVED);
            assertThat(resolved.getResolvedDate()).isEqualTo("2026-11-20");
            assertThat(list(ProblemFilter.PROBLEM_FILTER_ACTIVE)).isEmpty();
            assertThat(list(ProblemFilter.PROBLEM_FILTER_RESOLVED)).hasSize(1);
        }

        @Test
        void resolvedBeforeTheOnsetIsRefused() {
            Throwable t = catchThrowable(() -> okafor.resolveProblem(ResolveProblemRequest.newBuilder().setProblemId(problem.getId())
                    .setExpectedVersion(1).setResolvedDate("2019-12-31").build()));

            assertThat(Calls.badFields(t)).containsExactly("resolved_date");
        }

        @Test
        void enteredInErrorNeedsAReasonAndLeavesTheListButNotTheRecord() {
            Throwable noReason = catchThrowable(() -> okafor.markProblemEnteredInError(MarkProblemEnteredInErrorRequest.newBuilder()
                    .setProblemId(problem.getId()).setExpectedVersion(1).setReason(" ").build()));
            Problem gone = okafor.markProblemEnteredInError(MarkProblemEnteredInErrorRequest.newBuilder()
                    .setProblemId(problem.getId()).setExpectedVersion(1).setReason("Wrong patient").build()).getProblem();

            assertThat(Calls.badFields(noReason)).containsExactly("reason");
            assertThat(gone.getStatus()).isEqualTo(ProblemStatus.PROBLEM_STATUS_ENTERED_IN_ERROR);
            assertThat(gone.getErrorReason()).isEqualTo("Wrong patient");
            assertThat(list(ProblemFilter.PROBLEM_FILTER_UNSPECIFIED)).isEmpty();
            assertThat(list(ProblemFilter.PROBLEM_FILTER_ALL)).hasSize(1);
            assertThat(clinic.versions("PROBLEM", problem.getId())).isEqualTo(2);
        }

        @Test
        void anUnknownProblemIsNotFound() {
            Throwable t = catchThrowable(() -> okafor.resolveProblem(ResolveProblemRequest.newBuilder()
                    .setProblemId(UUID.randomUUID().toString()).setExpectedVersion(1).setResolvedDate("2026-11-20").build()));

            assertThat(Calls.code(t)).isEqualTo(Status.Code.NOT_FOUND);
        }

        @Test
        void twentyConcurrentResolvesLetOneWinAndTheRestConflict() throws Exception {
            ProblemServiceBlockingStub lindqvist = clinic.problems("lindqvist");

            List<Status.Code> codes = ChartListsClinic.concurrently(20, () -> lindqvist.resolveProblem(ResolveProblemRequest.newBuilder()
                    .setProblemId(problem.getId()).setExpectedVersion(1).setResolvedDate("2026-11-20").build()));

            assertThat(codes).containsOnly(Status.Code.OK, Status.Code.ABORTED);
            assertThat(codes).filteredOn(c -> c == Status.Code.OK).hasSize(1);
        }
    }

    @Nested
    class WhoMayCall {

        @ParameterizedTest
        @ValueSource(strings = {"nina", "maria", "adam", "sharma"})
        void onlyThePatientsDoctorsReadOrWriteTheList(String username) {
            Problem mine = okafor.addProblem(add(hypertension.code()).build()).getProblem();
            ProblemServiceBlockingStub other = clinic.problems(username);

            Throwable read = catchThrowable(() -> other.listProblems(ListProblemsRequest.newBuilder()
                    .setPatientId(clinic.patient.toString()).build()));
            Throwable write = catchThrowable(() -> other.addProblem(add("").setTitle("Something").build()));
            Throwable resolve = catchThrowable(() -> other.resolveProblem(ResolveProblemRequest.newBuilder()
                    .setProblemId(mine.getId()).setExpectedVersion(1).setResolvedDate("2026-11-20").build()));

            assertThat(List.of(read, write, resolve)).extracting(Calls::code).containsOnly(Status.Code.PERMISSION_DENIED);
            assertThat(list(ProblemFilter.PROBLEM_FILTER_ALL)).hasSize(1);
        }

        @Test
        void theServiceItselfRefusesANurseEvenIfTheRpcTableLetHerIn() {
            Throwable t = catchThrowable(() -> clinic.services.problemList().list(clinic.nurse, clinic.patient,
                    ProblemModel.Filter.ALL));

            assertThat(t).isInstanceOf(org.medconnect.server.platform.DomainException.PermissionDenied.class);
        }
    }
}
