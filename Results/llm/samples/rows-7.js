cwmSamples.rows(7,[["perm/S5/swap/one/T32/kfinal/0",1,1,0,0,0,0,1,1],["perm/S5/swap/one/T32/kfinal/1",1,1,0,0,0,0,1,1],["perm/S5/swap/one/T32/kfinal/2",1,1,0,0,0,0,0,0]]);
