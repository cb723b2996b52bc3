//! Commitments on the test runtime: layout, origins, limits, deposits and the bonds reset.

use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::dispatch::{GetDispatchInfo, Pays};
use frame_support::traits::fungible::{Inspect, InspectHold, Mutate, MutateHold};
use frame_support::traits::tokens::{Precision, Preservation};
use frame_support::traits::ConstU32;
use frame_support::weights::constants::RocksDbWeight;
use frame_support::weights::Weight;
use frame_support::{assert_noop, assert_ok, BoundedVec};
use sp_runtime::{DispatchError, DispatchResult, TokenError};

use crate::mock::*;
use crate::*;

type Info = CommitmentInfo<ConstU32<3>>;

fn raw(bytes: &[u8]) -> Data {
    Data::Raw(bytes.to_vec().try_into().expect("at most 128 bytes"))
}

fn big_raw(len: usize) -> Data {
    Data::BigRaw(vec![7; len].try_into().expect("at most 512 bytes"))
}

fn info(fields: Vec<Data>) -> Box<Info> {
    Box::new(CommitmentInfo {
        fields: fields.try_into().expect("at most 3 fields"),
    })
}

fn commit(hotkey: u8, fields: Vec<Data>) -> DispatchResult {
    commit_on(NETUID, RuntimeOrigin::signed(account(hotkey)), fields)
}

fn commit_on(netuid: NetUid, origin: RuntimeOrigin, fields: Vec<Data>) -> DispatchResult {
    Commitments::set_commitment(origin, netuid, info(fields))
        .map(|_| ())
        .map_err(|e| e.error)
}

fn held(hotkey: u8) -> u64 {
    Balances::balance_on_hold(&HoldReason::CommitmentDeposit.into(), &account(hotkey))
}

/// Deposit of `fields` with the mock's prices (1 000 + 100 per field + 10 per byte).
fn deposit(fields: Vec<Data>) -> u64 {
    let n = fields.len() as u64;
    let bytes = info(fields).encoded_size() as u64;
    1_000 + 100 * n + 10 * bytes
}

#[test]
fn commitment_info_encodes_as_subtensor_lays_it_out() {
    // Derived by hand from subtensor's `Data` encoding (types.rs): Raw(n bytes) is the byte
    // n + 1 then the bytes; hashes are their tag then 32 bytes; TimelockEncrypted is 134, the
    // compact-prefixed ciphertext and the u64 round; ResetBondsFlag is 135; BigRaw is 136
    // and a compact-prefixed vector; None is 0. The fields are a compact-prefixed vector.
    let info = CommitmentInfo::<ConstU32<8>> {
        fields: BoundedVec::try_from(vec![
            raw(b"hi"),
            Data::Sha256([0xab; 32]),
            Data::ResetBondsFlag,
            big_raw(3),
            Data::TimelockEncrypted {
                encrypted: vec![9, 9].try_into().expect("small"),
                reveal_round: 5,
            },
            Data::None,
            raw(b""),
        ])
        .expect("7 fields"),
    };
    let mut expected = vec![0x1c, 0x03, b'h', b'i', 0x83];
    expected.extend([0xab; 32]);
    expected.extend([0x87, 0x88, 0x0c, 7, 7, 7]);
    expected.extend([0x86, 0x08, 9, 9, 5, 0, 0, 0, 0, 0, 0, 0]);
    expected.extend([0x00, 0x01]);
    assert_eq!(info.encode(), expected);
    assert_eq!(info.encoded_size(), expected.len());
    assert_eq!(
        CommitmentInfo::<ConstU32<8>>::decode(&mut &expected[..]),
        Ok(info.clone())
    );

    // A stored commitment is (deposit: u64, block: u32, info).
    let registration = Registration::<u64, ConstU32<8>, u32> {
        deposit: 7,
        block: 9,
        info,
    };
    let mut stored = vec![7, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0];
    stored.extend(&expected);
    assert_eq!(registration.encode(), stored);
}

#[test]
fn oversized_or_malformed_data_does_not_decode() {
    let decode = |bytes: &[u8]| Data::decode(&mut &bytes[..]);
    // Raw of 128 bytes is the longest: tag 129.
    let mut longest = vec![129u8];
    longest.extend([1; 128]);
    assert_eq!(
        decode(&longest),
        Ok(Data::Raw(vec![1; 128].try_into().expect("128")))
    );
    assert!(decode(&longest[..128]).is_err(), "truncated");
    for tag in 137..=255u8 {
        assert!(decode(&[tag, 0, 0, 0]).is_err(), "tag {tag}");
    }
    // BigRaw of 513 bytes, TimelockEncrypted of 1 025.
    let mut big = vec![136u8];
    big.extend(codec::Compact(513u32).encode());
    big.extend([0; 513]);
    assert!(decode(&big).is_err());
    let mut timelock = vec![134u8];
    timelock.extend(codec::Compact(1_025u32).encode());
    timelock.extend([0; 1_033]);
    assert!(decode(&timelock).is_err());
    assert!(decode(&[130, 1, 2]).is_err(), "short hash");

    // Four fields where three are allowed: neither the info nor the call decodes.
    let four = CommitmentInfo::<ConstU32<4>> {
        fields: vec![Data::None; 4].try_into().expect("4"),
    };
    assert!(Info::decode(&mut &four.encode()[..]).is_err());
    let mut call = vec![18u8, 0];
    call.extend(NETUID.encode());
    call.extend(four.encode());
    assert!(RuntimeCall::decode(&mut &call[..]).is_err());
    let mut call = vec![18u8, 0];
    call.extend(NETUID.encode());
    call.extend(info(vec![Data::None; 3]).encode());
    assert!(RuntimeCall::decode(&mut &call[..]).is_ok());
}

#[test]
fn the_metadata_describes_every_variant_at_its_tag() {
    let mut registry = scale_info::Registry::new();
    let id = registry.register_type(&scale_info::meta_type::<Data>());
    let registry: scale_info::PortableRegistry = registry.into();
    let ty = registry.resolve(id.id).expect("registered");
    assert_eq!(ty.path.segments, ["pallet_commitments", "types", "Data"]);
    let scale_info::TypeDef::Variant(def) = &ty.type_def else {
        panic!("an enum")
    };
    assert_eq!(def.variants.len(), 1 + 129 + 7);
    let mut samples = vec![
        Data::None,
        Data::BlakeTwo256([1; 32]),
        Data::Sha256([2; 32]),
        Data::Keccak256([3; 32]),
        Data::ShaThree256([4; 32]),
        Data::ResetBondsFlag,
        big_raw(10),
        Data::TimelockEncrypted {
            encrypted: vec![1; 64].try_into().expect("64"),
            reveal_round: 1,
        },
    ];
    samples.extend((0..=128).map(|n| raw(&vec![5; n])));
    for data in samples {
        let name = match &data {
            Data::Raw(bytes) => format!("Raw{}", bytes.len()),
            other => format!("{other:?}")
                .split(['(', ' '])
                .next()
                .expect("a name")
                .to_string(),
        };
        let variant = def
            .variants
            .iter()
            .find(|v| v.name == name)
            .unwrap_or_else(|| panic!("variant {name}"));
        let encoded = data.encode();
        assert_eq!(encoded[0], variant.index, "{name}");
        // What the metadata says follows the tag is what does.
        let payload: usize = variant
            .fields
            .iter()
            .map(
                |f| match &registry.resolve(f.ty.id).expect("type").type_def {
                    scale_info::TypeDef::Array(a) => a.len as usize,
                    _ => match &data {
                        Data::TimelockEncrypted { encrypted, .. }
                            if f.name.as_deref() == Some("encrypted") =>
                        {
                            encrypted.encoded_size()
                        }
                        Data::TimelockEncrypted { .. } => 8,
                        Data::BigRaw(bytes) => bytes.encoded_size(),
                        _ => panic!("unexpected field in {name}"),
                    },
                },
            )
            .sum();
        assert_eq!(encoded.len() - 1, payload, "{name}");
        assert_eq!(Data::decode(&mut &encoded[..]), Ok(data));
    }
}

#[test]
fn a_registered_hotkey_commits_and_it_is_stored() {
    new_test_ext().execute_with(|| {
        System::set_block_number(5);
        let fields = vec![raw(b"hf.co/miner/model"), Data::BlakeTwo256([9; 32])];
        let result = Commitments::set_commitment(
            RuntimeOrigin::signed(account(21)),
            NETUID,
            info(fields.clone()),
        );
        assert_eq!(result.expect("commits").pays_fee, Pays::No);
        let stored = CommitmentOf::<Test>::get(NETUID, account(21)).expect("stored");
        assert_eq!(stored.block, 5);
        assert_eq!(stored.deposit, deposit(fields.clone()));
        assert_eq!(stored.info, *info(fields.clone()));
        assert_eq!(LastCommitment::<Test>::get(NETUID, account(21)), Some(5));
        assert_eq!(LastBondsReset::<Test>::get(NETUID, account(21)), None);
        // 17 + 32 payload bytes count as the 100-byte minimum.
        assert_eq!(
            UsedSpaceOf::<Test>::get(NETUID, account(21)),
            Some(UsageTracker {
                last_epoch: SubtensorModule::epoch_index(NETUID, 5),
                used_space: MIN_USED_SPACE,
            })
        );
        System::assert_last_event(
            Event::Commitment {
                netuid: NETUID,
                who: account(21),
            }
            .into(),
        );
        // Other hotkeys and subnets are untouched.
        assert_eq!(CommitmentOf::<Test>::get(NETUID, account(31)), None);
        assert_eq!(CommitmentOf::<Test>::get(2, account(21)), None);
    });
}

#[test]
fn only_signed_registered_hotkeys_commit() {
    new_test_ext().execute_with(|| {
        let fields = || info(vec![raw(b"x")]);
        assert_noop!(
            commit_on(NETUID, RuntimeOrigin::root(), vec![raw(b"x")]),
            DispatchError::BadOrigin
        );
        assert_noop!(
            commit_on(NETUID, RuntimeOrigin::none(), vec![raw(b"x")]),
            DispatchError::BadOrigin
        );
        // Hotkey 41 has no uid; coldkey 2 owns hotkey 21 but is not a hotkey on the subnet;
        // hotkey 21 is on subnet 1, not on subnet 2.
        assert_noop!(
            commit(41, vec![raw(b"x")]),
            Error::<Test>::AccountNotAllowedCommit
        );
        assert_noop!(
            commit(2, vec![raw(b"x")]),
            Error::<Test>::AccountNotAllowedCommit
        );
        assert_noop!(
            commit_on(2, RuntimeOrigin::signed(account(21)), vec![raw(b"x")]),
            Error::<Test>::AccountNotAllowedCommit
        );
        // Even a refused call is free (declared `Pays::No`: `CommitmentsTransactionExtension`
        // keeps such calls out of blocks), and reports its base weight only.
        let declared = RuntimeCall::Commitments(Call::set_commitment {
            netuid: 1,
            info: fields(),
        })
        .get_dispatch_info();
        assert_eq!(declared.pays_fee, Pays::No);
        let error = Commitments::set_commitment(RuntimeOrigin::signed(account(41)), 1, fields())
            .expect_err("refused");
        assert_eq!(error.post_info.pays_fee(&declared), Pays::No);
        assert_eq!(
            error.post_info.actual_weight,
            Some(<Test as Config>::WeightInfo::set_commitment(
                Commitments::encoded_len(&fields())
            ))
        );
    });
}

#[test]
fn space_per_epoch_is_limited_and_counted_from_100_bytes() {
    new_test_ext().execute_with(|| {
        MaxSpace::<Test>::put(250);
        let used = || {
            UsedSpaceOf::<Test>::get(NETUID, account(21))
                .expect("used")
                .used_space
        };
        // 20 bytes count as the 100-byte minimum.
        assert_ok!(commit(21, vec![raw(&[0; 20])]));
        assert_eq!(used(), 100);
        assert_ok!(commit(21, vec![raw(&[0; 20]), Data::ResetBondsFlag]));
        assert_eq!(used(), 200);
        // 200 + 100 > 250: refused, nothing changes.
        assert_noop!(
            commit(21, vec![Data::None]),
            Error::<Test>::SpaceLimitExceeded
        );
        // Others have their own space, per subnet.
        assert_ok!(commit(31, vec![raw(&[0; 128]), raw(&[0; 122])]));
        assert_eq!(
            UsedSpaceOf::<Test>::get(NETUID, account(31))
                .expect("used")
                .used_space,
            250
        );
        assert_noop!(
            commit(31, vec![Data::None]),
            Error::<Test>::SpaceLimitExceeded
        );

        // Subnet 1's epochs (tempo 360) start where block + 2 is a multiple of 361: block
        // 358 is the last of epoch 0, 359 the first of epoch 1.
        assert_eq!(SubtensorModule::epoch_index(NETUID, 1), 0);
        System::set_block_number(358);
        assert_noop!(
            commit(21, vec![Data::None]),
            Error::<Test>::SpaceLimitExceeded
        );
        System::set_block_number(359);
        assert_eq!(SubtensorModule::epoch_index(NETUID, 359), 1);
        assert_ok!(commit(21, vec![big_raw(150)]));
        assert_eq!(used(), 150);
        assert_eq!(
            UsedSpaceOf::<Test>::get(NETUID, account(21))
                .expect("used")
                .last_epoch,
            1
        );
        // Hash fields count 32 bytes each; a single commitment larger than the space is
        // refused outright.
        assert_noop!(
            commit(21, vec![big_raw(101)]),
            Error::<Test>::SpaceLimitExceeded
        );
        assert_ok!(commit(
            21,
            vec![Data::Sha256([0; 32]), Data::Keccak256([0; 32])]
        ));
        assert_eq!(used(), 250);
    });
}

#[test]
fn root_sets_the_space() {
    new_test_ext().execute_with(|| {
        assert_noop!(
            Commitments::set_max_space(RuntimeOrigin::signed(account(1)), 10),
            DispatchError::BadOrigin
        );
        assert_eq!(MaxSpace::<Test>::get(), 3_100);
        assert_ok!(Commitments::set_max_space(RuntimeOrigin::root(), 99));
        assert_eq!(MaxSpace::<Test>::get(), 99);
        // Below the 100-byte minimum, nothing can be committed.
        assert_noop!(
            commit(21, vec![Data::None]),
            Error::<Test>::SpaceLimitExceeded
        );
    });
}

#[test]
fn the_largest_commitment_fits_and_holds_its_bytes() {
    new_test_ext().execute_with(|| {
        let fields = vec![big_raw(512), big_raw(512), big_raw(512)];
        let bytes = info(fields.clone()).encoded_size() as u64;
        assert_eq!(bytes, 1 + 3 * (1 + 2 + 512));
        assert_ok!(commit(11, fields.clone()));
        assert_eq!(held(11), 1_000 + 300 + 10 * bytes);
        assert_eq!(
            CommitmentOf::<Test>::get(NETUID, account(11))
                .expect("stored")
                .encoded_size(),
            8 + 8 + bytes as usize,
            "deposit, block (u64 in the mock), fields"
        );
        assert!(
            RegistrationOf::<Test>::max_encoded_len() >= 12 + 1 + 3 * Data::max_encoded_len(),
            "the storage bound covers the largest commitment"
        );
    });
}

#[test]
fn the_deposit_follows_the_commitment_and_keeps_the_ledger() {
    new_test_ext().execute_with(|| {
        let free = || Balances::balance(&account(21));
        let total = || Balances::total_balance(&account(21));
        let issuance = pallet_subtensor::TotalIssuance::<Test>::get();
        let small = vec![raw(b"a")];
        let large = vec![raw(&[1; 100]), Data::Sha256([0; 32])];

        assert_ok!(commit(21, small.clone()));
        assert_eq!(held(21), deposit(small.clone()));
        assert_eq!(free(), TAO - deposit(small.clone()));
        assert_ok!(commit(21, large.clone()));
        assert_eq!(held(21), deposit(large.clone()));
        assert_eq!(
            CommitmentOf::<Test>::get(NETUID, account(21))
                .expect("stored")
                .deposit,
            deposit(large.clone())
        );
        assert_ok!(commit(21, small.clone()));
        assert_eq!(held(21), deposit(small.clone()));
        assert_eq!(free(), TAO - deposit(small.clone()));
        // Nothing was paid or burned: the hotkey owns all it had, the issuance ledger holds.
        assert_eq!(total(), TAO);
        assert_eq!(pallet_subtensor::TotalIssuance::<Test>::get(), issuance);
        assert_eq!(SubtensorModule::check_accounting(), Ok(()));

        // Each hotkey's deposit is its own, per subnet commitment.
        assert_ok!(commit(31, large.clone()));
        assert_eq!(held(31), deposit(large));
        assert_eq!(held(21), deposit(small));
    });
}

#[test]
fn a_hotkey_that_cannot_pay_the_deposit_commits_nothing() {
    new_test_ext().execute_with(|| {
        // Hotkey 51 holds the existential deposit and 2 000 rao.
        assert_ok!(SubtensorModule::burned_register(
            RuntimeOrigin::signed(account(4)),
            NETUID,
            account(51)
        ));
        let fields = vec![raw(&[0; 100])];
        assert!(deposit(fields.clone()) > 2_000);
        assert_noop!(commit(51, fields), TokenError::FundsUnavailable);
        let fits = vec![raw(b"ok")];
        assert!(deposit(fits.clone()) <= 2_000);
        assert_ok!(commit(51, fits.clone()));
        assert_eq!(Balances::balance(&account(51)), ED + 2_000 - deposit(fits));
    });
}

#[test]
fn a_commitment_lives_while_its_hotkey_is_registered_then_anyone_clears_it() {
    new_test_ext().execute_with(|| {
        let fields = vec![raw(b"model"), Data::ResetBondsFlag];
        assert_ok!(commit(21, fields.clone()));
        let clear = |who: u8| {
            Commitments::clear_commitment(RuntimeOrigin::signed(account(5)), NETUID, account(who))
        };
        assert_noop!(clear(21), Error::<Test>::CommitmentStillLive);
        assert_noop!(clear(41), Error::<Test>::CommitmentNotFound);
        assert_noop!(
            Commitments::clear_commitment(RuntimeOrigin::none(), NETUID, account(21)),
            DispatchError::BadOrigin
        );

        // The subnet is dissolved: its uids are gone.
        assert_ok!(SubtensorModule::dissolve_network(
            RuntimeOrigin::root(),
            account(1),
            NETUID
        ));
        assert_ok!(clear(21));
        assert_eq!(held(21), 0);
        assert_eq!(Balances::balance(&account(21)), TAO);
        assert_eq!(CommitmentOf::<Test>::get(NETUID, account(21)), None);
        assert_eq!(LastCommitment::<Test>::get(NETUID, account(21)), None);
        assert_eq!(LastBondsReset::<Test>::get(NETUID, account(21)), None);
        assert_eq!(UsedSpaceOf::<Test>::get(NETUID, account(21)), None);
        System::assert_last_event(
            Event::CommitmentCleared {
                netuid: NETUID,
                who: account(21),
                deposit: deposit(fields),
            }
            .into(),
        );
        assert_noop!(clear(21), Error::<Test>::CommitmentNotFound);
    });
}

#[test]
fn reaped_accounts_never_block_a_commitment_change() {
    new_test_ext().execute_with(|| {
        // While funds are held, the hotkey cannot be emptied below them and reaped.
        assert_ok!(commit(21, vec![raw(&[0; 50])]));
        let spendable = Balances::reducible_balance(
            &account(21),
            Preservation::Expendable,
            frame_support::traits::tokens::Fortitude::Polite,
        );
        assert_ok!(<Balances as Mutate<_>>::transfer(
            &account(21),
            &account(1),
            spendable,
            Preservation::Expendable
        ));
        assert!(System::account_exists(&account(21)));
        assert_eq!(Balances::balance(&account(21)), ED);

        // Funds held elsewhere left (as a slash would), and the account was reaped: the
        // recorded deposit is no longer held. Shrinking or clearing still goes through.
        let reason = HoldReason::CommitmentDeposit.into();
        assert_ok!(<Balances as MutateHold<_>>::release_all(
            &reason,
            &account(21),
            Precision::BestEffort
        ));
        assert_ok!(<Balances as Mutate<_>>::transfer(
            &account(21),
            &account(1),
            Balances::balance(&account(21)),
            Preservation::Expendable
        ));
        assert!(!System::account_exists(&account(21)));
        assert!(CommitmentOf::<Test>::get(NETUID, account(21)).is_some());
        assert_ok!(SubtensorModule::dissolve_network(
            RuntimeOrigin::root(),
            account(1),
            NETUID
        ));
        assert_ok!(Commitments::clear_commitment(
            RuntimeOrigin::signed(account(5)),
            NETUID,
            account(21)
        ));
        System::assert_last_event(
            Event::CommitmentCleared {
                netuid: NETUID,
                who: account(21),
                deposit: 0,
            }
            .into(),
        );
        assert!(!System::account_exists(&account(21)));
    });
}

#[test]
fn with_free_commitments_a_reaped_hotkey_shrinks_its_commitment() {
    new_test_ext().execute_with(|| {
        // Prices raised then dropped to zero by a runtime upgrade: a commitment made before
        // records a deposit, the one after holds nothing.
        assert_ok!(commit(31, vec![raw(&[0; 60])]));
        let recorded = held(31);
        assert!(recorded > 0);
        InitialDeposit::set(0);
        FieldDeposit::set(0);
        ByteDeposit::set(0);
        assert_ok!(commit(31, vec![raw(b"x")]));
        assert_eq!(held(31), 0);
        assert_eq!(
            CommitmentOf::<Test>::get(NETUID, account(31))
                .expect("stored")
                .deposit,
            0
        );
        // With nothing held the hotkey may be reaped; a change then holds and releases
        // nothing, and goes through.
        assert_ok!(<Balances as Mutate<_>>::transfer(
            &account(31),
            &account(1),
            Balances::balance(&account(31)),
            Preservation::Expendable
        ));
        assert!(!System::account_exists(&account(31)));
        assert_ok!(commit(31, vec![raw(b"y")]));
        assert!(!System::account_exists(&account(31)));
    });
}

#[test]
fn a_reset_flag_drops_validators_bonds_in_the_miner_where_the_subnet_allows_it() {
    new_test_ext().execute_with(|| {
        // Validators at uids 0 and 2 hold bonds in miner 21 (uid 1) and in uid 2.
        pallet_subtensor::Bonds::<Test>::insert(NETUID, 0, vec![(1u16, 500u16), (2, 600)]);
        pallet_subtensor::Bonds::<Test>::insert(NETUID, 2, vec![(1u16, 700u16)]);
        let rows = || {
            (0..3)
                .map(|uid| pallet_subtensor::Bonds::<Test>::get(NETUID, uid))
                .collect::<Vec<_>>()
        };
        let before = rows();

        // Not enabled: the flag is recorded, bonds stay.
        System::set_block_number(3);
        assert_ok!(commit(21, vec![raw(b"v1"), Data::ResetBondsFlag]));
        assert_eq!(LastBondsReset::<Test>::get(NETUID, account(21)), Some(3));
        assert_eq!(rows(), before);

        // Enabled: only column 1 goes; a row left empty is removed.
        pallet_subtensor::BondsResetOn::<Test>::insert(NETUID, true);
        System::set_block_number(4);
        let call = RuntimeCall::Commitments(Call::set_commitment {
            netuid: NETUID,
            info: info(vec![raw(b"v2"), Data::ResetBondsFlag]),
        });
        let declared = call.get_dispatch_info().call_weight;
        let post = Commitments::set_commitment(
            RuntimeOrigin::signed(account(21)),
            NETUID,
            info(vec![raw(b"v2"), Data::ResetBondsFlag]),
        )
        .expect("commits");
        assert_eq!(rows(), vec![vec![(2, 600)], vec![], vec![]]);
        assert!(!pallet_subtensor::Bonds::<Test>::contains_key(NETUID, 2));
        assert_eq!(LastBondsReset::<Test>::get(NETUID, account(21)), Some(4));
        assert_eq!(LastCommitment::<Test>::get(NETUID, account(21)), Some(4));

        // The call declared the reset's bound over the subnet's 3 uids (one mechanism) and
        // reports what it used: 4 + 3 reads, 2 rows written, 3 entries filtered.
        let db = RocksDbWeight::get();
        let base =
            <Test as Config>::WeightInfo::set_commitment(Commitments::encoded_len(&info(vec![
                raw(b"v2"),
                Data::ResetBondsFlag,
            ])));
        assert_eq!(
            declared,
            base + SubtensorModule::bonds_reset_weight_bound(NETUID)
        );
        assert_eq!(
            SubtensorModule::bonds_reset_weight_bound(NETUID),
            db.reads(7) + db.writes(3) + Weight::from_parts(9 * 62_000, 0)
        );
        assert_eq!(
            post.actual_weight,
            Some(base + db.reads(7) + db.writes(2) + Weight::from_parts(3 * 62_000, 0))
        );
        assert!(post.actual_weight.expect("set").all_lte(declared));

        // Without the flag, bonds in the miner build up again and stay.
        pallet_subtensor::Bonds::<Test>::insert(NETUID, 0, vec![(1u16, 9u16)]);
        assert_ok!(commit(21, vec![raw(b"v3")]));
        assert_eq!(
            pallet_subtensor::Bonds::<Test>::get(NETUID, 0),
            vec![(1, 9)]
        );
        assert_eq!(LastBondsReset::<Test>::get(NETUID, account(21)), Some(4));
    });
}

#[test]
fn a_timelocked_field_is_stored_and_announced_with_its_round() {
    new_test_ext().execute_with(|| {
        let sealed = Data::TimelockEncrypted {
            encrypted: vec![3; 200].try_into().expect("200"),
            reveal_round: 42,
        };
        assert_ok!(commit(31, vec![raw(b"x"), sealed.clone()]));
        System::assert_last_event(
            Event::TimelockCommitment {
                netuid: NETUID,
                who: account(31),
                reveal_round: 42,
            }
            .into(),
        );
        assert_eq!(
            CommitmentOf::<Test>::get(NETUID, account(31))
                .expect("stored")
                .info
                .fields
                .into_inner(),
            vec![raw(b"x"), sealed]
        );
    });
}

#[test]
fn the_extension_refuses_every_commitment_that_would_fail() {
    use sp_runtime::traits::{TransactionExtension, TxBaseImplication};
    use sp_runtime::transaction_validity::{
        InvalidTransaction, TransactionSource, TransactionValidityError, ValidTransaction,
    };

    fn validate(
        origin: RuntimeOrigin,
        netuid: NetUid,
        fields: Vec<Data>,
    ) -> Result<ValidTransaction, TransactionValidityError> {
        let call = RuntimeCall::Commitments(Call::set_commitment {
            netuid,
            info: info(fields),
        });
        CommitmentsTransactionExtension::<Test>::new()
            .validate(
                origin,
                &call,
                &call.get_dispatch_info(),
                0,
                (),
                &TxBaseImplication(()),
                TransactionSource::External,
            )
            .map(|(valid, _, _)| valid)
    }
    let signed = |n: u8| RuntimeOrigin::signed(account(n));
    let custom = |code: u8| Err(InvalidTransaction::Custom(code).into());

    new_test_ext().execute_with(|| {
        // The extension is invisible to clients: nothing explicit, nothing implicit.
        let extension = CommitmentsTransactionExtension::<Test>::new();
        assert!(extension.encode().is_empty());
        // Its implicit part is `()`: nothing is added to the signed payload.
        assert_eq!(
            TransactionExtension::<RuntimeCall>::implicit(&extension),
            Ok(())
        );

        // A registered hotkey passes, one commitment per hotkey and subnet in the pool.
        let valid = validate(signed(21), NETUID, vec![raw(b"x")]).expect("valid");
        assert_eq!(valid.provides.len(), 1);
        assert_ne!(
            validate(signed(31), NETUID, vec![raw(b"x")])
                .expect("valid")
                .provides,
            valid.provides
        );
        // Not allowed: hotkey 41 has no uid, 21 none on subnet 2 (AccountNotAllowedCommit).
        assert_eq!(validate(signed(41), NETUID, vec![raw(b"x")]), custom(1));
        assert_eq!(validate(signed(21), 2, vec![raw(b"x")]), custom(1));
        // No signer: the call would fail `ensure_signed`.
        assert_eq!(
            validate(RuntimeOrigin::none(), NETUID, vec![raw(b"x")]),
            Err(InvalidTransaction::BadSigner.into())
        );
        assert_eq!(
            validate(RuntimeOrigin::root(), NETUID, vec![raw(b"x")]),
            Err(InvalidTransaction::BadSigner.into())
        );
        // Space (SpaceLimitExceeded): 250 bytes, 200 of them used.
        MaxSpace::<Test>::put(250);
        assert_ok!(commit(21, vec![raw(&[0; 100]), raw(&[0; 100])]));
        assert_eq!(validate(signed(21), NETUID, vec![Data::None]), custom(2));
        assert_eq!(
            commit(21, vec![Data::None]),
            Err(Error::<Test>::SpaceLimitExceeded.into())
        );
        assert!(validate(signed(31), NETUID, vec![Data::None]).is_ok());
        MaxSpace::<Test>::put(3_100);

        // The deposit increase must be affordable: hotkey 51 holds ED + 2 000 rao.
        assert_ok!(SubtensorModule::burned_register(
            signed(4),
            NETUID,
            account(51)
        ));
        let large = vec![raw(&[0; 100])];
        assert!(deposit(large.clone()) > 2_000);
        assert_eq!(
            validate(signed(51), NETUID, large.clone()),
            Err(InvalidTransaction::Payment.into())
        );
        let small = vec![raw(b"ok")];
        assert!(validate(signed(51), NETUID, small.clone()).is_ok());
        // Replacing a commitment by one no larger needs nothing more, even with nothing free.
        assert_ok!(commit(51, small.clone()));
        assert_ok!(Balances::transfer_all(signed(51), account(4), true));
        assert!(validate(signed(51), NETUID, small).is_ok());
        assert_eq!(
            validate(signed(51), NETUID, large),
            Err(InvalidTransaction::Payment.into())
        );

        // Other calls pass untouched, whoever signs them.
        let other = RuntimeCall::Commitments(Call::set_max_space { new_limit: 1 });
        assert!(CommitmentsTransactionExtension::<Test>::new()
            .validate(
                signed(41),
                &other,
                &other.get_dispatch_info(),
                0,
                (),
                &TxBaseImplication(()),
                TransactionSource::External,
            )
            .is_ok());
    });
}
